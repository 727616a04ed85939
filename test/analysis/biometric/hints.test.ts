import { describe, expect, it } from 'vitest';
import { readHints } from '../../../src/analysis/biometric/hints.ts';

const kinds = (fieldName: string): string[] => readHints({ fieldName }).map((h) => h.kind);

describe('readHints', () => {
  it.each([
    ['idCardFront', 'idCard'], ['id_card_back', 'idCard'], ['sfz_zm', 'idCard'], ['身份证正面.jpg', 'idCard'],
    ['cardFront', 'idCard'], ['idFront', 'idCard'], ['handheldIdPhoto', 'handheld'], ['shouchi', 'handheld'],
    ['手持身份证', 'handheld'], ['liveness_video', 'liveness'], ['huoti', 'liveness'], ['活体视频', 'liveness'],
    ['voice', 'voice'], ['voiceprint', 'voice'], ['声纹', 'voice'], ['faceImage', 'face'], ['selfie', 'face'],
  ])('%s -> %s', (name, kind) => {
    expect(kinds(name)).toContain(kind);
  });

  it.each(['file', 'avatar', 'userId', 'frontImage', 'backgroundImage', 'identity', 'upload'])('%s says nothing', (name) => {
    expect(kinds(name)).toEqual([]);
  });

  it('names the source of each hint, from field, file name or URL path', () => {
    expect(readHints({ fieldName: 'file', filename: 'x.mp4', urlPath: '/api/v1/huoti/upload' })).toEqual([
      { kind: 'liveness', source: '/api/v1/huoti/upload' },
    ]);
  });
});
