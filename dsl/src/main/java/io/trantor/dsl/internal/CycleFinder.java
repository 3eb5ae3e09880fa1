package io.trantor.dsl.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Finds the cycles of a directed graph over nodes {@code 0..n-1}: one cycle per strongly connected
 * component (Tarjan), so a tangle of steps is reported once, not once per loop through it. Self-loops are
 * not reported; callers say those in their own words.
 */
final class CycleFinder {

    private final List<Set<Integer>> edges;
    private final int[] index;
    private final int[] lowLink;
    private final boolean[] onStack;
    private final Deque<Integer> stack = new ArrayDeque<>();
    private final List<List<Integer>> cycles = new ArrayList<>();
    private int counter;

    private CycleFinder(List<Set<Integer>> edges) {
        this.edges = edges;
        this.index = new int[edges.size()];
        this.lowLink = new int[edges.size()];
        this.onStack = new boolean[edges.size()];
        java.util.Arrays.fill(index, -1);
    }

    /**
     * Each cycle as a node path that starts and ends at its smallest node, e.g. {@code [0, 2, 1, 0]} for
     * edges 0→2, 2→1, 1→0; cycles are ordered by their smallest node.
     */
    static List<List<Integer>> cycles(List<Set<Integer>> edges) {
        CycleFinder finder = new CycleFinder(edges);
        for (int node = 0; node < edges.size(); node++) {
            if (finder.index[node] < 0) {
                finder.connect(node);
            }
        }
        finder.cycles.sort(java.util.Comparator.comparingInt(cycle -> cycle.get(0)));
        return finder.cycles;
    }

    // Recursive Tarjan: pipelines have a handful of steps, so depth is no concern.
    private void connect(int node) {
        index[node] = counter;
        lowLink[node] = counter;
        counter++;
        stack.push(node);
        onStack[node] = true;
        for (int next : edges.get(node)) {
            if (index[next] < 0) {
                connect(next);
                lowLink[node] = Math.min(lowLink[node], lowLink[next]);
            } else if (onStack[next]) {
                lowLink[node] = Math.min(lowLink[node], index[next]);
            }
        }
        if (lowLink[node] == index[node]) {
            List<Integer> component = new ArrayList<>();
            int member;
            do {
                member = stack.pop();
                onStack[member] = false;
                component.add(member);
            } while (member != node);
            if (component.size() > 1) {
                cycles.add(pathThrough(Set.copyOf(component)));
            }
        }
    }

    /** A closed path from the component's smallest node back to itself, staying inside the component. */
    private List<Integer> pathThrough(Set<Integer> component) {
        int start = component.stream().min(Integer::compare).orElseThrow();
        int[] previous = new int[edges.size()];
        java.util.Arrays.fill(previous, -1);
        Deque<Integer> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int next : edges.get(node).stream().sorted().toList()) {
                if (!component.contains(next)) {
                    continue;
                }
                if (next == start) {
                    List<Integer> path = new ArrayList<>(List.of(start));
                    for (int at = node; at != start; at = previous[at]) {
                        path.add(1, at);
                    }
                    path.add(start);
                    return path;
                }
                if (previous[next] < 0) {
                    previous[next] = node;
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("a strongly connected component without a cycle: " + component);
    }
}
