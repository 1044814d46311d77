package io.ramal.server.pbx;

import io.ramal.api.queues.QueueDesk;
import io.ramal.store.Queues;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a queue's announcements say, read when one is due (on {@link PbxQueueControl}'s order thread):
 * the queue's language and, when it says the wait, its average answer time so far (none before its first
 * answered call) from the queue desk; its uploaded announcement from the store. A queue gone meanwhile
 * announces {@link PbxQueueControl.Announcement#PLAIN plainly}.
 */
public final class QueueAnnouncements implements PbxQueueControl.Announcements {
  private final QueueDesk desk;
  private final Queues store;

  public QueueAnnouncements(QueueDesk desk, Queues store) {
    this.desk = Objects.requireNonNull(desk, "desk");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public PbxQueueControl.Announcement of(String tenant, String queue) {
    Optional<String> prompt = store.announcement(tenant, queue);
    return desk.read(tenant, (acd, states) -> acd.queue(queue).map(settings -> {
      Optional<Duration> wait = settings.announceWait() ? acd.averageAnswerWait(queue) : Optional.empty();
      return new PbxQueueControl.Announcement(settings.language(), wait, prompt);
    })).orElse(PbxQueueControl.Announcement.PLAIN);
  }
}
