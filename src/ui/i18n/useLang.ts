import { useCallback, useRef, useState } from 'react';
import { loadLang, rememberLang } from './index.ts';
import type { Lang } from './index.ts';

export interface LangSwitch {
  lang: Lang;
  /** switch once `l`'s texts are here (the page keeps its language until then: no mixed flash) */
  setLang: (l: Lang) => void;
  /** the language whose texts could not be loaded (offline without the stored copy), if any */
  failed: { lang: Lang; error: unknown } | null;
  /** the language being loaded, if any */
  pending: Lang | null;
}

/** The page's language; switching loads the other dictionary first. */
export function useLang(initial: Lang, remember = true): LangSwitch {
  const [lang, setShown] = useState<Lang>(initial);
  const [failed, setFailed] = useState<{ lang: Lang; error: unknown } | null>(null);
  const [pending, setPending] = useState<Lang | null>(null);
  // the latest choice wins when two loads overlap
  const wanted = useRef<Lang>(initial);
  const setLang = useCallback(
    (l: Lang) => {
      wanted.current = l;
      setFailed(null);
      setPending(l);
      loadLang(l).then(
        () => {
          if (wanted.current !== l) return;
          setPending(null);
          setShown(l);
          if (remember) rememberLang(l);
        },
        (error: unknown) => {
          if (wanted.current !== l) return;
          setPending(null);
          setFailed({ lang: l, error });
        },
      );
    },
    [remember],
  );
  return { lang, setLang, failed, pending };
}
