// Where the archive is and how to log in. The URL comes from the setting
// sourceCheck.archive.url or the environment (SOURCE_CHECK_ARCHIVE_URL); the password
// from VS Code's secret storage or the environment (SOURCE_CHECK_ARCHIVE_PASSWORD, or
// libpq's PGPASSWORD), never from a settings file a workspace could commit.

import type { ArchiveOptions } from './connection';

export interface ResolvedArchive {
  options?: ArchiveOptions;
  /** A problem to show the writer (a password found in a setting, a bad URL). */
  warning?: string;
}

export function resolveArchiveConfig(settingUrl: string | undefined, env: NodeJS.ProcessEnv, secretPassword?: string): ResolvedArchive {
  const fromSetting = typeof settingUrl === 'string' && settingUrl.trim() !== '';
  const raw = fromSetting ? settingUrl!.trim() : env.SOURCE_CHECK_ARCHIVE_URL?.trim();
  if (!raw) return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { warning: `the archive URL ${fromSetting ? '(sourceCheck.archive.url)' : '(SOURCE_CHECK_ARCHIVE_URL)'} is not a valid URL; the archive is not used` };
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    return { warning: `the archive URL must start with postgresql://, not ${url.protocol}//; the archive is not used` };
  }
  let warning: string | undefined;
  if (fromSetting && url.password) {
    // A settings file may be committed and shared: its password is ignored, loudly.
    url.password = '';
    warning =
      'sourceCheck.archive.url carries a password, which is ignored: settings files get shared. Use the command "Source Check: Set Archive Password" or the environment variable SOURCE_CHECK_ARCHIVE_PASSWORD.';
  }
  const password = secretPassword || env.SOURCE_CHECK_ARCHIVE_PASSWORD || undefined;
  return { options: { url: url.toString(), ...(password ? { password } : {}) }, warning };
}
