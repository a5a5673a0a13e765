/** A rendered figure: the same drawing as vector SVG (text as outlines) and as PNG. */
export interface RenderedFigure {
  /** SVG document, sized in points (1 SVG user unit = 1 pt), text converted to paths. */
  svg: string;
  /** PNG of the same drawing at `style.pngScale` pixels per point. */
  png: Uint8Array;
  widthPt: number;
  heightPt: number;
}

/** One district's value. `district` is the short 2018 name the report prints, e.g. 渝北区. */
export interface DistrictDatum {
  district: string;
  value: number;
}

/** A class (tier, legend entry) of a classed figure; legend order is the order of the array. */
export interface FigureClass {
  label: string;
  color: string;
}

/** A district's value with the label of the class it falls in. */
export interface ClassedDatum extends DistrictDatum {
  classLabel: string;
}
