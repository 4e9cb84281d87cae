import { describe, expect, it } from 'vitest';
import { askedMediaOf } from '../../../core/run/asked-media.js';

describe('askedMediaOf', () => {
  const config = {
    generators: [
      { id: 'a', type: 'synthetic', width: 512, height: 512, video: { width: 320, height: 240, durationSec: 2, fps: 12 } },
      { id: 'b', type: 'http', width: 1024, height: 768, fps: 'fast' },
      { id: 'c', type: 'folder' },
    ],
  };
  const asked = askedMediaOf(config);

  it("takes a generator's numeric size, duration and rate; a video block comes first for videos", () => {
    expect(asked('a', 'image')).toEqual({ width: 512, height: 512 });
    expect(asked('a', 'video')).toEqual({ width: 320, height: 240, durationSec: 2, fps: 12 });
    expect(asked('b', 'video')).toEqual({ width: 1024, height: 768 });
  });

  it('says nothing for a generator without such settings, an unknown one, or a config without generators', () => {
    expect(asked('c', 'video')).toBeUndefined();
    expect(asked('zzz', 'video')).toBeUndefined();
    expect(askedMediaOf(undefined)('a', 'video')).toBeUndefined();
  });
});
