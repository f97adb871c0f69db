import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { conflictReach } from '../../src/calendar/conflicts';
import { DAY_MS } from '../../src/calendar/local-time';
import { serialiseView, ViewCache } from '../../src/common/view-cache';

describe('ViewCache', () => {
  const view = (text: string) => serialiseView({ text });

  const size = (text: string) => view(text).json.length + view(text).gzip.length;

  it('serialises once, gzipped too, and tags equal bodies with equal ETags', () => {
    const a = view('Senin');
    expect(a.json.toString()).toBe('{"text":"Senin"}');
    expect(gunzipSync(a.gzip).toString()).toBe('{"text":"Senin"}');
    expect(a.etag).toBe(view('Senin').etag);
    expect(a.etag).not.toBe(view('Selasa').etag);
  });

  it('evicts the least recently used entries beyond its size', () => {
    const cache = new ViewCache(size('a') * 2);
    cache.set('a', view('a'));
    cache.set('b', view('b'));
    expect(cache.get('a')?.json.toString()).toContain('"a"'); // now b is the oldest
    cache.set('c', view('c'));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.totalBytes).toBe(size('a') * 2);
  });

  it('replaces an entry under the same key and skips one larger than the whole cache', () => {
    const cache = new ViewCache(size('a') * 2);
    cache.set('a', view('a'));
    cache.set('a', view('b'));
    expect(cache.get('a')?.json.toString()).toContain('"b"');
    expect(cache.totalBytes).toBe(size('b'));
    cache.set('big', view('x'.repeat(200)));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
  });

  it('builds a missing view once for concurrent readers, then serves it kept', async () => {
    const cache = new ViewCache(size('a') * 2);
    let builds = 0;
    const build = async () => ({ text: `a${++builds}` });
    const [first, second] = await Promise.all([cache.view('k', build), cache.view('k', build)]);
    expect(second).toBe(first);
    expect(await cache.view('k', build)).toBe(first);
    expect(builds).toBe(1);
    expect(first.json.toString()).toBe('{"text":"a1"}');
  });
});

describe('conflictReach', () => {
  it('reads around the checked times as far as the widest setting', () => {
    expect(conflictReach({ minGapMinutes: 120, productRepeatDays: 7 })).toEqual({
      marginMs: 7 * DAY_MS,
      lookbackMs: 37 * DAY_MS,
    });
    // With the product check off, a long gap still reaches across the week's edges.
    expect(conflictReach({ minGapMinutes: 1440, productRepeatDays: 0 })).toEqual({
      marginMs: DAY_MS,
      lookbackMs: 31 * DAY_MS,
    });
  });
});
