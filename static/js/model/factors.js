// @ts-check
// The chain-rule factors of GET /explain: their product per example (computed here, not
// trusted), and which kind each is (the server's `kind`, never its English `meaning`).

/**
 * The product of the factors for each example, and their sum.
 * @param {{values: number[]}[]} factors
 */
export function productOf(factors) {
  const n = factors[0]?.values.length || 0;
  const products = [];
  for (let b = 0; b < n; b++) products.push(factors.reduce((p, f) => p * f.values[b], 1));
  return { products, sum: products.reduce((s, v) => s + v, 0) };
}

/** The i18n key of a factor's meaning, by the server's kind. */
export const MEANING_KEYS = {
  loss_gradient: "factor.dEda",
  output_delta: "factor.dEdz",
  back_propagated_error: "factor.backprop",
  activation_derivative: "factor.dadz",
  input: "factor.dzdw",
  bias_input: "factor.dzdb",
};

/**
 * The i18n key and parameters of a factor's meaning (null: show the server's text).
 * @param {{kind: string, activation?: string | null}} factor
 * @returns {{key: string, params: Record<string, string>} | null}
 */
export function meaningKey(factor) {
  const key = MEANING_KEYS[factor.kind];
  return key ? { key, params: { act: factor.activation ?? "" } } : null;
}
