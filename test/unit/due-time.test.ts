import { describe, expect, it } from '@jest/globals';
import { parseDueTime } from '../../src/publishing/due-signal/due-time';

describe('due time on the doorbell channel', () => {
  it('reads back the time a sender wrote', () => {
    const at = new Date('2026-03-14T01:30:00.250Z');
    expect(parseDueTime(at.toISOString())).toEqual(at);
  });

  it('ignores an empty notification', () => {
    expect(parseDueTime(undefined)).toBeNull();
    expect(parseDueTime('')).toBeNull();
  });

  it('ignores text that is not a time', () => {
    expect(parseDueTime('soon')).toBeNull();
    expect(parseDueTime('{"at":"2026-03-14T01:30:00.000Z"}')).toBeNull();
  });

  it('ignores times in any other form than the one sent, and impossible dates', () => {
    expect(parseDueTime('2026-03-14')).toBeNull();
    expect(parseDueTime('2026-03-14T08:30:00+07:00')).toBeNull();
    expect(parseDueTime('1773451800000')).toBeNull();
    expect(parseDueTime('2026-02-30T00:00:00.000Z')).toBeNull();
  });
});
