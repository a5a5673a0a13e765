/**
 * The statistical method's options in config/index.yaml (issue 16): 同比, robustness
 * of ranks, outlier treatment, missing values. Kept apart from the tree's schema so
 * that either can change without the other; every key has a default, so a config
 * without them builds as before.
 */
import { z } from 'zod';

export const NORMALISATION_METHODS = ['goalpost', 'minmax', 'efficacy', 'zscore', 'rank'] as const;

/**
 * How a missing cell of an indicator is filled (per node in the tree, or for all under `missing.method`);
 * uncomputed: not filled — the district gets no value for it and no score for any node above it.
 */
export const MISSING_METHODS = ['none', 'carry-forward', 'interpolate', 'mean', 'median', 'uncomputed'] as const;
export type MissingMethod = (typeof MISSING_METHODS)[number];

export const missingMethodSchema = z.enum(MISSING_METHODS);

const robustnessSchema = z
  .strictObject({
    /** false: no Monte Carlo (no rank intervals in the ledger, no figure). */
    enabled: z.boolean().default(true),
    runs: z.number().int().min(10).max(100000).default(1000),
    seed: z.union([z.number().int(), z.string()]).default(20181001),
    /** Each weight is drawn uniformly within ±spread of its configured value, then siblings are rescaled to sum to 1. */
    weightSpread: z.number().min(0).max(0.9).default(0.25),
    /** The normalisations a run may draw (each with equal chance); the configured one is always among them. */
    normalisations: z.array(z.enum(NORMALISATION_METHODS)).min(1).default(['goalpost', 'minmax', 'zscore']),
    aggregations: z
      .array(z.enum(['arithmetic', 'geometric']))
      .min(1)
      .default(['arithmetic', 'geometric']),
    /** A 5 %–95 % rank interval spanning at most this many ranks counts as narrow (the robustness paragraph's count). */
    narrowSpan: z.number().int().min(0).default(3),
  })
  .prefault({});

const outlierRuleSchema = z
  .strictObject({
    /** JRC rule: an indicator is treated when |skewness| > skew AND kurtosis > kurtosis. */
    skew: z.number().positive().default(2),
    kurtosis: z.number().positive().default(3.5),
    /** At most this many values are winsorised before the log transform is used instead. */
    winsorMax: z.number().int().min(0).default(5),
  })
  .prefault({});

/** Top-level keys of config/index.yaml added by the method (spread into the config's schema). */
export const methodKeys = {
  yearOnYear: z
    .strictObject({
      /** Write the 同比 paragraph of the total when the data hold the same quarter of the previous year. */
      paragraph: z.boolean().default(true),
    })
    .prefault({}),
  robustness: robustnessSchema,
  /** none: values as given; jrc: the JRC rule (winsorise up to winsorMax values, else log-transform). */
  outliers: z.enum(['none', 'jrc']).default('none'),
  outlierRule: outlierRuleSchema,
  missing: z
    .strictObject({
      /** The default for every indicator without its own `missing:` in the tree. */
      method: missingMethodSchema.default('none'),
      /** A district–quarter missing more than this share of its indicators is an input error. */
      maxShare: z.number().min(0).max(1).default(0.25),
    })
    .prefault({}),
};

const methodSchema = z.object(methodKeys);
export type MethodConfig = z.infer<typeof methodSchema>;

/** The method's options from the parsed config (or all defaults). */
export function methodConfig(raw: Partial<Record<keyof typeof methodKeys, unknown>> = {}): MethodConfig {
  return methodSchema.parse({
    yearOnYear: raw.yearOnYear,
    robustness: raw.robustness,
    outliers: raw.outliers,
    outlierRule: raw.outlierRule,
    missing: raw.missing,
  });
}
