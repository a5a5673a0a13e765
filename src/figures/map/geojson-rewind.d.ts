declare module '@mapbox/geojson-rewind' {
  /** Rewinds rings in place; `clockwise: true` gives d3-geo's winding (outer rings clockwise). */
  function rewind<T>(geojson: T, clockwise?: boolean): T;
  export default rewind;
}
