"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavLink = { href: string; label: string; badge?: number; badgeLabel?: string };

/** The app's navigation: the current section is marked (aria-current) and underlined. */
export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {links.map((l) => {
        const current = pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <Link key={l.href} href={l.href} aria-current={current ? "page" : undefined}
            className={`inline-flex items-center gap-1 hover:text-brand-700 ${current ? "font-medium text-brand-700 underline underline-offset-4" : ""}`}>
            {l.label}
            {l.badge ? (
              <span data-testid="approvals-badge" aria-label={l.badgeLabel}
                className="rounded-full bg-red-600 px-1.5 text-xs font-medium leading-5 text-white">{l.badge}</span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
