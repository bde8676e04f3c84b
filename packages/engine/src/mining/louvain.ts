import { seededRandom } from '../nlu/random.ts';
import type { NeighborLists } from './neighbors.ts';

/** An undirected weighted graph as adjacency lists (each edge in both lists). */
interface Graph {
  neighbors: number[][];
  weights: number[][];
  /** weight of each node's self-loop (twice the edges inside it, after aggregation) */
  loops: Float64Array;
  /** questions inside each node (1 before aggregation) */
  sizes: Float64Array;
}

export interface CommunityOptions {
  /**
   * Constant Potts model resolution (Traag et al. 2011): a community is kept together when its questions are
   * linked, on average, by more than this weight per pair. Unlike modularity it does not depend on the graph's
   * size, so one value suits 50 and 50,000 questions (default 0.02).
   */
  resolution?: number;
  /** seed of the node visiting order, for repeatable results (default 1) */
  seed?: number;
}

/** Symmetric graph of the neighbour lists: an edge where either question lists the other, weighted by similarity. */
export function neighborGraph(lists: NeighborLists): Graph {
  const n = lists.ids.length;
  const edges: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    const ids = lists.ids[i]!;
    const sims = lists.similarities[i]!;
    for (let j = 0; j < ids.length; j++) {
      const other = ids[j]!;
      const w = sims[j]!;
      if (w > (edges[i]!.get(other) ?? 0)) {
        edges[i]!.set(other, w);
        edges[other]!.set(i, w);
      }
    }
  }
  return {
    neighbors: edges.map((m) => [...m.keys()]),
    weights: edges.map((m) => [...m.values()]),
    loops: new Float64Array(n),
    sizes: new Float64Array(n).fill(1),
  };
}

/** One level of local moves; returns each node's community (renumbered 0..c-1) and whether anything moved. */
function localMoves(
  graph: Graph,
  resolution: number,
  next: () => number,
): { community: Int32Array; moved: boolean } {
  const n = graph.neighbors.length;
  const size = graph.sizes;
  const community = Int32Array.from({ length: n }, (_, i) => i);
  const tot = Float64Array.from(size);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const linkTo = new Float64Array(n);
  const touched: number[] = [];
  let moved = false;
  for (let pass = 0; pass < 50; pass++) {
    let moves = 0;
    for (const i of order) {
      const own = community[i]!;
      touched.length = 0;
      const nbrs = graph.neighbors[i]!;
      const ws = graph.weights[i]!;
      for (let j = 0; j < nbrs.length; j++) {
        const c = community[nbrs[j]!]!;
        if (linkTo[c] === 0) touched.push(c);
        linkTo[c]! += ws[j]!;
      }
      const k = size[i]!;
      tot[own]! -= k;
      let best = own;
      let bestGain = linkTo[own]! - resolution * tot[own]! * k;
      for (const c of touched) {
        const gain = linkTo[c]! - resolution * tot[c]! * k;
        if (gain > bestGain + 1e-12) {
          bestGain = gain;
          best = c;
        }
      }
      tot[best]! += k;
      for (const c of touched) linkTo[c] = 0;
      linkTo[own] = 0;
      if (best !== own) {
        community[i] = best;
        moves++;
      }
    }
    if (moves === 0) break;
    moved = true;
  }
  return { community: renumber(community), moved };
}

function renumber(community: Int32Array): Int32Array {
  const ids = new Map<number, number>();
  return community.map((c) => {
    let id = ids.get(c);
    if (id === undefined) {
      id = ids.size;
      ids.set(c, id);
    }
    return id;
  });
}

function aggregate(graph: Graph, community: Int32Array): Graph {
  let count = 0;
  for (const c of community) count = Math.max(count, c + 1);
  const edges: Map<number, number>[] = Array.from({ length: count }, () => new Map());
  const loops = new Float64Array(count);
  const sizes = new Float64Array(count);
  for (let i = 0; i < community.length; i++) {
    const c = community[i]!;
    loops[c]! += graph.loops[i]!;
    sizes[c]! += graph.sizes[i]!;
    const nbrs = graph.neighbors[i]!;
    const ws = graph.weights[i]!;
    for (let j = 0; j < nbrs.length; j++) {
      const d = community[nbrs[j]!]!;
      if (d === c) loops[c]! += ws[j]!;
      else edges[c]!.set(d, (edges[c]!.get(d) ?? 0) + ws[j]!);
    }
  }
  return {
    neighbors: edges.map((m) => [...m.keys()]),
    weights: edges.map((m) => [...m.values()]),
    loops,
    sizes,
  };
}

/**
 * Louvain community detection (Blondel et al. 2008) with the constant Potts model's quality: nodes move
 * to the neighbouring community that most raises it, communities become nodes, repeat. The number of
 * communities follows from the data and the resolution; no k is given.
 */
export function communities(graph: Graph, options: CommunityOptions = {}): Int32Array {
  const resolution = options.resolution ?? 0.02;
  const next = seededRandom(options.seed ?? 1);
  let membership = Int32Array.from({ length: graph.neighbors.length }, (_, i) => i);
  let current = graph;
  for (let level = 0; level < 20; level++) {
    const { community, moved } = localMoves(current, resolution, next);
    if (!moved) break;
    membership = membership.map((m) => community[m]!);
    current = aggregate(current, community);
  }
  return membership;
}
