import { gemoji } from 'gemoji';

// The emoji names GitLab accepts for reactions. GitLab looks them up in TanukiEmoji, whose alpha
// codes come from GitHub's gemoji; the sandbox reads the same data from the `gemoji` package.
// Gitlab::Emoji.normalize_emoji_name maps an alias to the emoji's own name, so `+1` is stored as
// `thumbsup` and `-1` as `thumbsdown`: the first gemoji name, except the two that are signs.

let canonical: Map<string, string> | undefined;

function build(): Map<string, string> {
  const names = new Map<string, string>();
  for (const emoji of gemoji) {
    const main = emoji.names.find((name) => !/^[+-]/.test(name)) ?? emoji.names[0];
    if (main === undefined) continue;
    for (const name of emoji.names) if (!names.has(name)) names.set(name, main);
  }
  return names;
}

/** The name a reaction is stored under, or `undefined` when no emoji has that name. */
export function canonicalEmojiName(name: string): string | undefined {
  canonical ??= build();
  return canonical.get(name);
}
