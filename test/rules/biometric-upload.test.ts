import { describe, expect, it } from 'vitest';
import { biometricUpload } from '../../src/rules/biometric-upload.ts';
import { RunBuilder, judged } from './helpers.ts';

describe('biometric-upload', () => {
  it('finds one upload per phase, variant and receiving host, naming host and organisation', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) =>
        p
          .send('face_image', { party: 'third', host: 'api.facecloud.test', organisation: 'FaceCloud Ltd.' })
          .send('face_image', { party: 'third', host: 'api.facecloud.test', organisation: 'FaceCloud Ltd.' })
          .send('handheld_id_photo', { host: 'app.test' }),
      )
      .build();
    const { findings } = biometricUpload.evaluate(input);
    expect(findings.map((f) => f.id).sort()).toEqual([
      'biometric-upload:register:api.facecloud.test',
      'biometric-upload:register:app.test',
    ]);
    const cloud = findings.find((f) => f.party?.host === 'api.facecloud.test')!;
    expect(cloud.reasoning).toContain('FaceCloud Ltd.');
    expect(cloud.evidence.observations).toEqual(['o1', 'o2']);
  });

  it('ignores non-biometric PI, face images the server sends back, and harness traffic', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'register', 'completed', (p) =>
        p.send('id_number').send('face_image', { direction: 'response' }).send('face_image', { party: 'harness' }),
      )
      .build();
    const out = biometricUpload.evaluate(input);
    expect(out.findings).toEqual([]);
    expect(judged(out.evaluations).map((e) => e.status)).toEqual(['held']);
  });
});
