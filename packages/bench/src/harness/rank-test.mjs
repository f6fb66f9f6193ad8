// Mann–Whitney rank test, exact: could two sets of repetitions come from the same pool of
// results? On these VMs the repetitions of one row spread by several percent, and the best of
// eight peers' medians beats a tied weft most of the time by chance alone; a row is only called
// won or lost when the repetitions themselves say so.

/**
 * One-sided p-value that `a`'s values tend to be larger than `b`'s: the chance, if both came
 * from one distribution, of a rank sum at least this far in `a`'s favour. Ties count half.
 */
export function pGreater(a, b) {
  if (a.length === 0 || b.length === 0) return 1;
  let u = 0; // pairs (x from a, y from b) with x > y, ties half
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  const counts = uDistribution(a.length, b.length);
  const total = counts.reduce((s, c) => s + c, 0);
  let tail = 0;
  for (let k = Math.ceil(u); k < counts.length; k++) tail += counts[k];
  return tail / total;
}

// counts[k] = how many of the C(m+n, m) orderings of m a's and n b's give U = k. Built with
// f(m, n, k) = f(m-1, n, k-n) + f(m, n-1, k): the largest value is either an a (beating all n
// b's) or a b. Exact in doubles up to m + n = 50 or so, far beyond a bench row's samples.
const cache = new Map();
function uDistribution(m, n) {
  const key = `${m},${n}`;
  if (cache.has(key)) return cache.get(key);
  let counts;
  if (m === 0 || n === 0) counts = [1];
  else {
    const withA = uDistribution(m - 1, n);
    const withB = uDistribution(m, n - 1);
    counts = new Array(m * n + 1).fill(0);
    withA.forEach((c, k) => (counts[k + n] += c));
    withB.forEach((c, k) => (counts[k] += c));
  }
  cache.set(key, counts);
  return counts;
}
