/**
 * What is wrong with a pair of dictionaries that must say the same in English and Chinese: keys in
 * one and not the other, parameters that differ, empty texts, and Chinese texts with no Chinese in
 * them (except the keys in `latin`). The tests of every dictionary loaded on its own (the capture
 * dialog's, the fleet page's) check their pair with it; an empty list is a good pair.
 */
export function textPairProblems(en: Readonly<Record<string, string>>, zh: Readonly<Record<string, string>>, latin: readonly string[] = []): string[] {
  const out: string[] = [];
  const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const k of Object.keys(en)) if (!Object.hasOwn(zh, k)) out.push(`${k}: no Chinese text`);
  for (const k of Object.keys(zh)) if (!Object.hasOwn(en, k)) out.push(`${k}: no English text`);
  for (const [k, z] of Object.entries(zh)) {
    const e = en[k];
    if (e === undefined) continue;
    if (params(z) !== params(e)) out.push(`${k}: parameters {${params(z)}} in Chinese, {${params(e)}} in English`);
    if (z.trim() === '' || e.trim() === '') out.push(`${k}: empty`);
    if (!latin.includes(k) && !/[\u4e00-\u9fff]/.test(z)) out.push(`${k}: no Chinese in the Chinese text`);
  }
  return out;
}
