// Check digits and date checks the validated formats rest on.

/** Luhn (ISO/IEC 7812-1 Annex B) over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character of an 18-character resident identity number (ISO 7064 MOD 11-2). */
export function residentIdChecksumValid(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/** Province-level codes (GB/T 2260 first two digits) that resident numbers begin with. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

export function validProvinceCode(id: string): boolean {
  return PROVINCES.has(Number(id.slice(0, 2)));
}

/** A real calendar date between 1900 and today. */
export function realPastDate(year: number, month: number, day: number, now = new Date()): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return false;
  return d.getTime() <= now.getTime();
}

/** Card number prefixes (IIN ranges) of the networks common in China. */
export function plausibleCardIssuer(digits: string): boolean {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  return (
    digits.startsWith('62') || // UnionPay
    digits.startsWith('4') || // Visa
    (two >= 51 && two <= 55) || // Mastercard
    (four >= 2221 && four <= 2720) || // Mastercard 2-series
    (four >= 3528 && four <= 3589) || // JCB
    digits.startsWith('6011') ||
    digits.startsWith('65') // Discover
  );
}

/** True when a digit string is too uniform to be a real identifier (00000000000, 17000000000). */
export function lowEntropyDigits(digits: string): boolean {
  return new Set(digits.slice(-8)).size <= 2;
}
