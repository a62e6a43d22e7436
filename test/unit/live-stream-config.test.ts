import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVE_STREAM_MAX, readConfig } from '../../src/config.js';

describe('the live stream settings', () => {
  it('are off, with a bound of 1,000 streams, unless LIVE_STREAM and LIVE_STREAM_MAX say otherwise', () => {
    expect(readConfig({})).toMatchObject({ liveStream: false, liveStreamMax: 1000 });
    expect(DEFAULT_LIVE_STREAM_MAX).toBe(1000);
    expect(readConfig({ LIVE_STREAM: 'true', LIVE_STREAM_MAX: '20000' })).toMatchObject({
      liveStream: true,
      liveStreamMax: 20000,
    });
  });

  it('name the variable and what it takes when a value is wrong', () => {
    expect(() => readConfig({ LIVE_STREAM: 'sometimes' })).toThrow(
      'LIVE_STREAM must be one of true, false, on, off, 1, 0; found "sometimes".',
    );
    expect(() => readConfig({ LIVE_STREAM_MAX: 'lots' })).toThrow(
      'LIVE_STREAM_MAX must be a whole number from 0 to 1000000; found "lots".',
    );
  });
});
