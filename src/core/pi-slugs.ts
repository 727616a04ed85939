// The PI-type slugs the code itself names (detectors, value shapes, media kinds, persona fields). Everything
// else about a type lives in config/pi-types.yaml; the loader refuses a catalog lacking one of these, so a
// renamed or dropped type fails at load, not as silently missing observations.

export const CODE_PI_SLUGS = [
  'real_name', 'id_number', 'passport_number', 'birth_date', 'age', 'gender',
  'phone_number', 'email', 'location', 'licence_plate', 'bank_card_number', 'address', 'contacts',
  'vehicle_identification_number',
  'password', 'sms_code',
  'face_image', 'face_video', 'voiceprint', 'id_card_image', 'handheld_id_photo',
  'imei', 'meid', 'imsi', 'iccid', 'android_id', 'oaid', 'idfa', 'idfv', 'mac_address', 'serial_number', 'ip_address',
  'gaid', 'advertising_id', 'device_model', 'os_version', 'account_id', 'hospital_and_department', 'id_validity',
] as const;

export type CodePiSlug = (typeof CODE_PI_SLUGS)[number];
