/** Random identifiers SIP needs: Via branches, tags and Call-IDs, from an injectable generator. */
package io.ramal.sip.id;
