import { describe, expect, it } from '@jest/globals';
import { MetricsResponses, withoutCredentials } from '../../src/platforms/platform-metrics';

describe('platform answers kept for audit', () => {
  it('drops Graph paging links, which repeat the access token', () => {
    const body = {
      data: [{ name: 'reach', period: 'lifetime', values: [{ value: 240 }] }],
      paging: {
        previous: 'https://graph.facebook.com/v23.0/1/insights?access_token=EAAB&since=1',
        next: 'https://graph.facebook.com/v23.0/1/insights?metric=reach&access_token=EAAB',
        cursors: { before: 'MAZDZD', after: 'MjQZD' },
      },
    };
    expect(withoutCredentials(body)).toEqual({
      data: [{ name: 'reach', period: 'lifetime', values: [{ value: 240 }] }],
      paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } },
    });
  });

  it('drops fields named after credentials at any depth, and token-carrying list items', () => {
    expect(
      withoutCredentials({
        access_token: 'EAAB',
        data: [{ id: '1', refresh_token: 'r', client_secret: 's' }],
        links: ['https://x.test/a', 'https://x.test/b?oauth_token=t'],
        errors: [{ detail: 'Sorry, you are not authorized', value: null }],
      }),
    ).toEqual({
      data: [{ id: '1' }],
      links: ['https://x.test/a'],
      errors: [{ detail: 'Sorry, you are not authorized', value: null }],
    });
  });

  it('hands the body back unchanged to the adapter while keeping a clean copy', () => {
    const responses = new MetricsResponses();
    const body = { like_count: 3, access_token: 'EAAB' };
    expect(responses.keep('GET 1?fields=like_count', body)).toBe(body);
    expect(responses.reading({ likes: 3 })).toEqual({
      metrics: { likes: 3 },
      responses: [{ request: 'GET 1?fields=like_count', body: { like_count: 3 } }],
    });
  });
});
