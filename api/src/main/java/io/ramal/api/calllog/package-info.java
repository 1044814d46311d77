/**
 * Call logging: a {@code cdr.created} event in the tenant's event stream once a call has ended,
 * its CDR is stored and its recordings' WAV files are complete. A CRM gets it as a webhook
 * (selector {@code {"type":"cdr.created"}}), with URL and body templates, GET or POST, JSON or
 * form, signed and retried like any delivery; each attempt carries fresh signed links to the
 * recordings ({@link io.ramal.api.recordings.RecordingLinks}).
 */
package io.ramal.api.calllog;
