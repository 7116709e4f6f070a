// Every step of a rotation carries a stable key, so that a rerun after any interruption finishes the
// job instead of repeating it; a substitute's issue also records whose turn in the roster it was.
import type { IsoDate } from '../common/calendar.js';

export function driIssueKey(project: string, weekStart: IsoDate): string {
  return `dri-rotation/${project}/${weekStart}`;
}

/** The text GitLab's description search finds every rotation issue of a project by. */
export function driIssueKeyPrefix(project: string): string {
  return `dri-rotation/${project}/`;
}

export function handoverNoteKey(project: string, weekStart: IsoDate): string {
  return `dri-handover/${project}/${weekStart}`;
}

export function handoverLinkKey(project: string, weekStart: IsoDate, reference: string): string {
  return `dri-link/${project}/${weekStart}/${reference}`;
}

export function followUpKey(project: string, weekStart: IsoDate, reference: string): string {
  return `dri-followup/${project}/${weekStart}/${reference}`;
}

/** The text GitLab's description search finds a hand-over's follow-up issues by. */
export function followUpKeyPrefix(project: string, weekStart: IsoDate): string {
  return `dri-followup/${project}/${weekStart}/`;
}

export function followUpLinkKey(project: string, weekStart: IsoDate, reference: string): string {
  return `dri-followup-link/${project}/${weekStart}/${reference}`;
}

export function requestNoteKey(project: string, weekStart: IsoDate, reference: string): string {
  return `dri-mitigation/${project}/${weekStart}/${reference}`;
}

export function requestCloseKey(project: string, weekStart: IsoDate, reference: string): string {
  return `dri-close-request/${project}/${weekStart}/${reference}`;
}

export function closeIssueKey(project: string, weekStart: IsoDate): string {
  return `dri-close/${project}/${weekStart}`;
}

const ROTATION_MEMBER = /<!--\s*teamops:dri-rotation-member=([^\s>]+)\s*-->/;

export function rotationMemberMarker(username: string): string {
  return `<!-- teamops:dri-rotation-member=${username} -->`;
}

/** Whose turn it was, by the marker a rotation issue carries, or null for an issue without one. */
export function readRotationMember(description: string): string | null {
  return ROTATION_MEMBER.exec(description)?.[1] ?? null;
}
