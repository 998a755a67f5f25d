import { todayInShanghai, type IsoDate } from "@/lib/domain/dates";

/**
 * Commands read "today" (Shanghai) from here. Scripts that build history (scenarios, tests of
 * dated rules) may pass another day; forms never can: actions do not forward it.
 */
export type CommandOptions = { today?: IsoDate };

export function commandToday(options: CommandOptions | undefined): IsoDate {
  return options?.today ?? todayInShanghai();
}
