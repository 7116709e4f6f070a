// GitLab feature flags the sandbox knows, with GitLab's defaults (config/feature_flags/**.yml).
// Switch them with `features` (createSandbox, seed files) or `teamops sandbox --feature name=on`.

export const FEATURE_FLAGS = {
  /** Mutations::Issues::BulkUpdate (GraphQL `issuesBulkUpdate`); default off in GitLab's code. */
  bulk_update_issues_mutation: false,
} as const satisfies Record<string, boolean>;

export type FeatureFlagName = keyof typeof FEATURE_FLAGS;

export function isFeatureFlag(name: string): name is FeatureFlagName {
  return Object.hasOwn(FEATURE_FLAGS, name);
}

/** The flags in effect: GitLab's defaults, then `overrides` in order. Unknown names are errors. */
export function resolveFeatures(...overrides: Array<Readonly<Record<string, boolean>> | undefined>): Map<string, boolean> {
  const features = new Map<string, boolean>(Object.entries(FEATURE_FLAGS));
  for (const override of overrides) {
    for (const [name, enabled] of Object.entries(override ?? {})) {
      if (!isFeatureFlag(name)) throw new Error(`unknown feature flag "${name}"; known: ${Object.keys(FEATURE_FLAGS).join(', ')}`);
      features.set(name, enabled);
    }
  }
  return features;
}
