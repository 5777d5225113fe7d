import type { Role } from '../model/types.js';

/**
 * The role of a unit in a task — one rule for the task listing by department, the sheets, the matrix, search's
 * role filter and the web pages.
 *
 * A unit leads an item when the item's lead list names it, or (for a task) the unit's own lead
 * list has the task's number; likewise for responsible. Given several units that are one office
 * (a unit and those carrying its name with a second name, or a township family), the office
 * leads when any of them leads, else is responsible when any is; `unit` is the first that
 * holds that role, the units being tried in the order given (the unit asked for first).
 */

/** Something units are assigned to: a task (with its number), or a search hit. */
export interface Assigned {
  /** A task's number: matched against a unit's own lead/responsible lists. Leave out for anything else. */
  number?: string | null;
  lead: readonly string[];
  responsible: readonly string[];
}

export interface RoleHolder {
  name: string;
  /** Numbers of the tasks the unit leads (the model's Department has them). */
  lead?: readonly string[];
  responsible?: readonly string[];
}

export function roleOf<U extends RoleHolder>(item: Assigned, units: readonly U[]): { role: Role; unit: U } | null {
  const has = (u: U, role: Role) =>
    (role === 'lead' ? item.lead : item.responsible).includes(u.name) ||
    (item.number != null && (role === 'lead' ? u.lead : u.responsible)?.includes(item.number) === true);
  for (const role of ['lead', 'responsible'] as const) {
    const unit = units.find((u) => has(u, role));
    if (unit) return { role, unit };
  }
  return null;
}

/** Whether a role asked for is one (lead, responsible). */
export function isRole(role: unknown): role is Role {
  return role === 'lead' || role === 'responsible';
}
