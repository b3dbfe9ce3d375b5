package dev.rapport.internal.phrase;

import java.util.Arrays;

/**
 * A trie over characters, laid out in a few flat arrays so that a walk touches little memory: the
 * edges of all nodes side by side, and for nodes with many children a table of their ASCII
 * children. Besides edges for characters, a node may have one edge for a run of white space ({@link
 * #SPACE} in the strings added). Nodes are numbered in the order they were made, so a parent comes
 * before its children. Immutable and thread-safe once built.
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

  private Trie(Builder b) {
    this.size = b.size;
    this.edgeStart = new int[size + 1];
    int[] count = new int[size];
    for (int e = 0; e < b.edges; e++) {
      count[b.edgeFrom[e]]++;
    }
    int edges = 0;
    int tabled = 0;
    for (int n = 0; n < size; n++) {
      edgeStart[n] = edges;
      edges += count[n];
      if (n == 0 || count[n] >= TABLE_FROM) {
        tabled++;
      }
    }
    edgeStart[size] = edges;
    this.edgeKey = new char[edges];
    this.edgeTo = new int[edges];
    this.space = Arrays.copyOf(b.space, size);
    this.tableAt = new int[size];
    this.tables = new int[tabled * 128];
    Arrays.fill(tables, -1);
    int t = 0;
    for (int n = 0; n < size; n++) {
      boolean table = n == 0 || count[n] >= TABLE_FROM;
      tableAt[n] = table ? t : -1;
      t += table ? 128 : 0;
    }
    // Edges were made in order, so each node's edges keep the order of their characters' arrival.
    int[] fill = Arrays.copyOf(edgeStart, size);
    for (int e = 0; e < b.edges; e++) {
      int n = b.edgeFrom[e];
      int at = fill[n]++;
      edgeKey[at] = b.edgeKey[e];
      edgeTo[at] = b.edgeTo[e];
      if (tableAt[n] >= 0 && b.edgeKey[e] < 128) {
        tables[tableAt[n] + b.edgeKey[e]] = b.edgeTo[e];
      }
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
    private int size;

    /**
     * Per node: its child for white space (-1 if none), and the last edge made from it (-1 if
     * none).
     */
    private int[] space = new int[64];

    private int[] lastEdge = new int[64];
    // Edges in the order they were made; each points back to the previous edge of the same node.
    private int edges;
    private int[] edgeFrom = new int[64];
    private char[] edgeKey = new char[64];
    private int[] edgeTo = new int[64];
    private int[] edgePrevious = new int[64];

    /** The root's children for ASCII characters: most paths start there, and it has many. */
    private final int[] rootAscii = new int[128];

    Builder() {
      Arrays.fill(rootAscii, -1);
      node();
    }

    /** Returns the number of nodes so far. */
    int size() {
      return size;
    }

    private int node() {
      if (size == space.length) {
        space = Arrays.copyOf(space, size * 2);
        lastEdge = Arrays.copyOf(lastEdge, size * 2);
      }
      space[size] = -1;
      lastEdge[size] = -1;
      return size++;
    }

    /**
     * Returns the child of {@code node} for {@code c} ({@link #SPACE} for white space), made if
     * missing.
     */
    int child(int node, char c) {
      if (c == SPACE) {
        if (space[node] < 0) {
          int s = node();
          space[node] = s;
        }
        return space[node];
      }
      if (node == 0 && c < 128) {
        if (rootAscii[c] >= 0) {
          return rootAscii[c];
        }
      } else {
        for (int e = lastEdge[node]; e >= 0; e = edgePrevious[e]) {
          if (edgeKey[e] == c) {
            return edgeTo[e];
          }
        }
      }
      int child = node();
      if (node == 0 && c < 128) {
        rootAscii[c] = child;
      }
      if (edges == edgeFrom.length) {
        edgeFrom = Arrays.copyOf(edgeFrom, edges * 2);
        edgeKey = Arrays.copyOf(edgeKey, edges * 2);
        edgeTo = Arrays.copyOf(edgeTo, edges * 2);
        edgePrevious = Arrays.copyOf(edgePrevious, edges * 2);
      }
      edgeFrom[edges] = node;
      edgeKey[edges] = c;
      edgeTo[edges] = child;
      edgePrevious[edges] = lastEdge[node];
      lastEdge[node] = edges++;
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
      return new Trie(this);
    }
  }
}
