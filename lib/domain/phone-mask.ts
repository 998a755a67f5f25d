// A contact phone as shown by default: the middle digits hidden. Mobiles keep the first three
// and last four digits (138****1569); landlines keep the area code and the last four digits
// of the number (0573-****1234, an extension hidden too). Anything else keeps at most its
// last four characters. Showing the full number is a separate, audited request.
const MOBILE = /^1\d{10}$/;
const LANDLINE = /^(0\d{2,3})-(\d{7,8})(?:-\d+)?$/;

export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (MOBILE.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  const landline = LANDLINE.exec(p);
  if (landline) return `${landline[1]}-****${landline[2]!.slice(-4)}`;
  const keep = p.length >= 8 ? 4 : Math.max(0, p.length - 4);
  return `${"*".repeat(Math.max(4, p.length - keep))}${p.slice(p.length - keep)}`;
}
