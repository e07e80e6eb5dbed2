"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { currentSection, type NavItem } from "./nav-items";

/** A count beside a section ("/inbox": unread entries); shown when above zero. */
export type NavBadges = Partial<Record<string, number>>;

const badgeText = (n: number) => (n > 99 ? "99+" : String(n));

export function SidebarNav({ items, badges = {} }: { items: NavItem[]; badges?: NavBadges }) {
  const pathname = usePathname();
  const current = currentSection(items, pathname)?.href;
  const navRef = useRef<HTMLElement>(null);
  // On a small screen the sections sit in the shell's "Menu" disclosure (a native <details>): the shell stays
  // mounted across client navigations, so close it once a link has led to another page.
  useEffect(() => {
    navRef.current?.closest("details")?.removeAttribute("open");
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label="Sections" className="flex flex-col gap-1">
      {items.map((item) => {
        const active = item.href === current;
        const count = badges[item.href] ?? 0;
        const badgeId = `nav-badge-${item.href.replace(/\W+/g, "-")}`;
        const link = (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            aria-describedby={count > 0 ? badgeId : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"}`}
          >
            {item.label}
          </Link>
        );
        if (count <= 0) return link;
        // The count sits beside the link, not in its name ("Inbox"), and describes it ("3 unread").
        return (
          <div key={item.href} className="relative flex flex-col">
            {link}
            <span
              id={badgeId}
              data-testid={`nav-badge-${item.label.toLowerCase()}`}
              className="pointer-events-none absolute right-2 top-1/2 -translate-y-1/2 rounded-full bg-sky-500 px-2 py-0.5 text-xs font-semibold text-slate-950"
            >
              {badgeText(count)}
              <span className="sr-only"> unread</span>
            </span>
          </div>
        );
      })}
    </nav>
  );
}

/** The section of the page shown (the small screen's top bar names it beside the menu). */
export function CurrentSection({ items, className = "" }: { items: NavItem[]; className?: string }) {
  const section = currentSection(items, usePathname());
  return section ? <span className={className}>{section.label}</span> : null;
}
