// Chinese by default; English when the user switches or the browser prefers
// English. Every text is in the DOM in both languages (spans with lang=),
// and the stylesheet shows the chosen one: switching re-renders nothing,
// screen readers get the right language, and whatever came out of a PDF
// stays a text node.
const STORAGE_KEY = 'sealcheck.lang';

/** 'zh' or 'en': a stored choice first, then the browser's first zh/en preference, else 'zh'. */
export function preferredLanguage(languages, stored) {
  if (stored === 'zh' || stored === 'en') return stored;
  for (const tag of languages ?? []) {
    const t = String(tag).toLowerCase();
    if (t.startsWith('zh')) return 'zh';
    if (t.startsWith('en')) return 'en';
  }
  return 'zh';
}

export function storedLanguage(storage) {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;  // storage disabled: follow the browser
  }
}

export function applyLanguage(doc, lang, storage) {
  const root = doc.documentElement;
  root.lang = lang === 'en' ? 'en' : 'zh-CN';
  root.dataset.ui = lang === 'en' ? 'en' : 'zh';
  try {
    storage?.setItem(STORAGE_KEY, root.dataset.ui);
  } catch {
    // not remembered; still applied
  }
}

/** A span holding both languages; only the chosen one is displayed. */
export function bi(doc, zh, en) {
  const wrap = doc.createElement('span');
  const z = doc.createElement('span');
  z.lang = 'zh-CN';
  z.textContent = zh;
  const e = doc.createElement('span');
  e.lang = 'en';
  e.textContent = en;
  wrap.append(z, e);
  return wrap;
}
