package io.trantor.control.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.control.watch.StreamPosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {

  /** A row update: "key=value", or "key=" to remove the row. */
  private static final ChangeFeed.Rows<String> ROWS = new ChangeFeed.Rows<>() {
    @Override
    public String key(String update) {
      return update.substring(0, update.indexOf('='));
    }

    @Override
    public boolean removes(String update) {
      return update.endsWith("=");
    }
  };

  private final ChangeFeed<String> feed = new ChangeFeed<>(ROWS, 3);
  private final List<ChangeFeed.Batch<String>> received = new ArrayList<>();

  private ChangeFeed.Subscription watch(StreamPosition from) {
    return feed.subscribe(from, u -> true, received::add);
  }

  private StreamPosition lastPosition() {
    ChangeFeed.Batch<String> last = received.getLast();
    return new StreamPosition(last.epoch(), last.version());
  }

  @Test
  void aNewWatcherGetsTheTableInKeyOrderThenEachChange() {
    feed.publish("b=1");
    feed.publish("a=1");
    feed.publish("c=1");
    feed.publish("c=");

    watch(StreamPosition.NONE);
    feed.publish("a=2");

    assertThat(received.get(0)).isEqualTo(new ChangeFeed.Batch<>(true, List.of("a=1", "b=1"), feed.epoch(), 4));
    assertThat(received.get(1)).isEqualTo(new ChangeFeed.Batch<>(false, List.of("a=2"), feed.epoch(), 5));
  }

  @Test
  void repeatingARowOrRemovingAnAbsentOneIsNoChange() {
    feed.publish("a=1");
    watch(StreamPosition.NONE);

    feed.publish("a=1");
    feed.publish("z=");

    assertThat(received).hasSize(1);
    assertThat(feed.version()).isEqualTo(1);
  }

  @Test
  void aWatcherThatResumesInTheSameEpochGetsOnlyWhatItMissed() {
    ChangeFeed.Subscription first = watch(StreamPosition.NONE);
    feed.publish("a=1");
    StreamPosition applied = lastPosition();
    first.close();
    feed.publish("b=1");
    feed.publish("a=");
    received.clear();

    watch(applied);

    assertThat(received).containsExactly(new ChangeFeed.Batch<>(false, List.of("b=1", "a="), feed.epoch(), 3));
  }

  @Test
  void aWatcherThatIsUpToDateGetsAnEmptyBatchAtItsVersion() {
    feed.publish("a=1");
    watch(new StreamPosition(feed.epoch(), 1));

    assertThat(received).containsExactly(new ChangeFeed.Batch<>(false, List.of(), feed.epoch(), 1));
  }

  @Test
  void aWatcherFromAnotherEpochOrBeyondTheKeptChangesStartsOverWithTheTable() {
    for (int i = 1; i <= 5; i++) {
      feed.publish("k" + i + "=v");
    }

    watch(new StreamPosition("another-control-plane", 4));
    watch(new StreamPosition(feed.epoch(), 1)); // changes 2..5: only 3 kept
    watch(new StreamPosition(feed.epoch(), 9)); // ahead of the feed: not this feed's history

    assertThat(received).allSatisfy(batch -> {
      assertThat(batch.full()).isTrue();
      assertThat(batch.updates()).hasSize(5);
      assertThat(batch.version()).isEqualTo(5);
    });
    received.clear();
    watch(new StreamPosition(feed.epoch(), 2)); // changes 3..5 are all kept
    assertThat(received.getFirst().full()).isFalse();
    assertThat(received.getFirst().updates()).containsExactly("k3=v", "k4=v", "k5=v");
  }

  @Test
  void aWatcherOnlyHearsTheRowsItWantsAndASinkThatFailsIsDropped() {
    List<ChangeFeed.Batch<String>> onlyA = new ArrayList<>();
    feed.subscribe(StreamPosition.NONE, u -> u.startsWith("a"), onlyA::add);
    int[] calls = {0};
    feed.subscribe(StreamPosition.NONE, u -> true, batch -> {
      calls[0]++;
      throw new IllegalStateException("gone");
    });

    feed.publish("a=1");
    feed.publish("b=1");

    assertThat(onlyA).extracting(ChangeFeed.Batch::updates).containsExactly(List.of(), List.of("a=1"));
    assertThat(calls[0]).isEqualTo(1);
  }
}
