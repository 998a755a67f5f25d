// Dates travel as YYYY-MM-DD strings; PostgreSQL `date` columns come back from Prisma as
// Date objects at UTC midnight, so convert at that boundary only.
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function fromIsoDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}
