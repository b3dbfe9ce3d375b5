package dev.rapport.lint.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trie over characters, laid out in a few flat arrays so that a walk touches little memory: the
 * edges of all nodes side by side, and for nodes with many children a table of their ASCII children.
 * Besides edges for characters, a node may have one edge for a run of white space ({@link #SPACE}
 * in the strings added). Nodes are numbered in the order they were made, so a parent comes before
 * its children. Immutable and thread-safe once built.
 */
final class Trie {
  /** Stands for a run of white space in the strings added to a trie. */
  static final char SPACE = '\u0000';

  /** Nodes with at least this many children get a table of their ASCII children. */
  private static final int TABLE_FROM = 4;

  private final int size;
  /** Edges of node n are at [edgeStart[n], edgeStart[n + 1]). */
  private final int[] edgeStart;
  private final char[] edgeKey;
  private final int[] edgeTo;
  /** Per node, its child for a run of white space, or -1. */
  private final int[] space;
  /** Per node, where its table starts in {@link #tables}, or -1. */
  private final int[] tableAt;
  private final int[] tables;

  private Trie(List<List<Character>> keys, List<List<Integer>> targets, List<Integer> spaces) {
    this.size = keys.size();
    this.edgeStart = new int[size + 1];
    int edges = 0;
    int tabled = 0;
    for (int n = 0; n < size; n++) {
      edgeStart[n] = edges;
      edges += keys.get(n).size();
      if (n == 0 || keys.get(n).size() >= TABLE_FROM) {
        tabled++;
      }
    }
    edgeStart[size] = edges;
    this.edgeKey = new char[edges];
    this.edgeTo = new int[edges];
    this.space = new int[size];
    this.tableAt = new int[size];
    this.tables = new int[tabled * 128];
    Arrays.fill(tables, -1);
    int t = 0;
    for (int n = 0; n < size; n++) {
      List<Character> ks = keys.get(n);
      boolean table = n == 0 || ks.size() >= TABLE_FROM;
      tableAt[n] = table ? t : -1;
      for (int k = 0; k < ks.size(); k++) {
        char c = ks.get(k);
        edgeKey[edgeStart[n] + k] = c;
        edgeTo[edgeStart[n] + k] = targets.get(n).get(k);
        if (table && c < 128) {
          tables[t + c] = targets.get(n).get(k);
        }
      }
      if (table) {
        t += 128;
      }
      space[n] = spaces.get(n);
    }
  }

  /** Returns the number of nodes. */
  int size() {
    return size;
  }

  /** Returns the child of {@code node} for character {@code c}, or -1. */
  int child(int node, char c) {
    int t = tableAt[node];
    if (t >= 0 && c < 128) {
      return tables[t + c];
    }
    int e = edgeStart[node];
    int end = edgeStart[node + 1];
    if (end - e == 1) {
      return edgeKey[e] == c ? edgeTo[e] : -1; // most nodes have one child
    }
    for (; e < end; e++) {
      if (edgeKey[e] == c) {
        return edgeTo[e];
      }
    }
    return -1;
  }

  /** Returns the child of the root for an ASCII character, or -1. */
  int rootChild(char c) {
    return tables[c];
  }

  /** Returns the child of {@code node} for a run of white space, or -1. */
  int space(int node) {
    return space[node];
  }

  /** Returns whether {@code node} has children for characters (not counting white space). */
  boolean hasChildren(int node) {
    return edgeStart[node + 1] > edgeStart[node];
  }

  /** Returns how many children for characters {@code node} has. */
  int edges(int node) {
    return edgeStart[node + 1] - edgeStart[node];
  }

  /** Returns the character of the {@code k}th child of {@code node}. */
  char key(int node, int k) {
    return edgeKey[edgeStart[node] + k];
  }

  /** Returns the {@code k}th child of {@code node}. */
  int target(int node, int k) {
    return edgeTo[edgeStart[node] + k];
  }

  /** Builds a trie; node 0 is the root. Not thread-safe. */
  static final class Builder {
    private final List<List<Character>> keys = new ArrayList<>();
    private final List<List<Integer>> targets = new ArrayList<>();
    private final List<Integer> spaces = new ArrayList<>();

    Builder() {
      node();
    }

    /** Returns the number of nodes so far. */
    int size() {
      return keys.size();
    }

    private int node() {
      keys.add(new ArrayList<>());
      targets.add(new ArrayList<>());
      spaces.add(-1);
      return keys.size() - 1;
    }

    /** Returns the child of {@code node} for {@code c} ({@link #SPACE} for white space), made if missing. */
    int child(int node, char c) {
      if (c == SPACE) {
        int s = spaces.get(node);
        if (s < 0) {
          s = node();
          spaces.set(node, s);
        }
        return s;
      }
      int k = keys.get(node).indexOf(c);
      if (k >= 0) {
        return targets.get(node).get(k);
      }
      int child = node();
      keys.get(node).add(c);
      targets.get(node).add(child);
      return child;
    }

    /** Adds the path for {@code s} from the root; returns the node it ends at. */
    int add(String s) {
      int node = 0;
      for (int i = 0; i < s.length(); i++) {
        node = child(node, s.charAt(i));
      }
      return node;
    }

    Trie build() {
      return new Trie(keys, targets, spaces);
    }
  }
}
