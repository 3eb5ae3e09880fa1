package io.trantor.workflows.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Every call the fake activities received, in order, as short lines such as
 * {@code load iris_2 on mlserver/1} or {@code publish iris_2 -> [mlserver/0, mlserver/1]}.
 * Activities run on worker threads, hence the synchronisation.
 */
public final class CallLog {
  private final List<String> calls = new ArrayList<>();

  synchronized void add(String call) {
    calls.add(call);
  }

  public synchronized List<String> all() {
    return List.copyOf(calls);
  }

  public synchronized List<String> startingWith(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).toList();
  }

  /** Position of the first call starting with {@code prefix}, or -1. */
  public synchronized int first(String prefix) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  /** Position of the last call starting with {@code prefix}, or -1. */
  public synchronized int last(String prefix) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (calls.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  public synchronized void clear() {
    calls.clear();
  }
}
