// What a detector reports: the PI type, the value it matched, and the evidence a reviewer can check.

export interface Detection {
  piType: string;
  /** The matched value (the part of the field that is the PI), before any redaction. */
  value: string;
  /** Detector id, e.g. format:mobile, key-name, persona:md5 */
  detector: string;
  evidence: string;
  /** 0..1 */
  confidence: number;
  /**
   * Read from a name that counts only by its object (device.device, model beside an IMEI): it yields to a field
   * of the same object that names the type outright (mParticle's device_info.device is the device's own name,
   * "John's iPhone 5s", when device_model beside it holds the model).
   */
  contextual?: true;
}

/** Keeps one detection per PI type: the most confident. */
export function bestPerType(detections: Detection[]): Detection[] {
  const best = new Map<string, Detection>();
  for (const d of detections) {
    const prev = best.get(d.piType);
    if (!prev || d.confidence > prev.confidence) best.set(d.piType, d);
  }
  return [...best.values()];
}

/** Text past this length is not scanned: values of interest sit far earlier, and scans stay bounded. */
export const MAX_SCAN_CHARS = 1024 * 1024;
