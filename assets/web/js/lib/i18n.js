import en from '../../i18n/en.js';
import id from '../../i18n/id.js';
import { createStore, saved, useStore } from './store.js';

const DICTIONARIES = { id, en };
const LANG_KEY = 'karya.lang';

function initialLang() {
  const stored = saved.get(LANG_KEY);
  return stored === 'en' ? 'en' : 'id';
}

export const langStore = createStore(initialLang());
document.documentElement.lang = langStore.get();

export function setLang(lang) {
  saved.set(LANG_KEY, lang);
  document.documentElement.lang = lang;
  langStore.set(lang);
}

export const useLang = () => useStore(langStore);

/** The text for `key` in the current language; {name} placeholders take `params`. */
export function t(key, params) {
  const dictionary = DICTIONARIES[langStore.get()];
  let text = dictionary[key];
  if (text === undefined) {
    console.warn(`missing i18n key: ${key}`);
    text = DICTIONARIES.id[key] ?? key;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

/** A label for an enum value, e.g. tEnum('role', 'staff'); unknown values show as they are. */
export function tEnum(group, value) {
  const key = `${group}.${value}`;
  const dictionary = DICTIONARIES[langStore.get()];
  return dictionary[key] ?? value;
}

/** Picks the current language from a server {id, en} pair. */
export function pickText(localized) {
  if (!localized) return '';
  return localized[langStore.get()] ?? localized.id;
}
