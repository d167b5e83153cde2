// topojson-client ships no types; the one function the boundary reader uses.
declare module 'topojson-client' {
  export function feature(topology: unknown, object: unknown): unknown;
}
