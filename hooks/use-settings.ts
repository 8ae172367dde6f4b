// The settings as a component sees them: read once, then kept in step with changes made anywhere (the
// options page, the popup, another window). Storage stays here; components get a value and a setter.
import { useEffect, useState } from 'preact/hooks';
import { getSettings, updateSettings, watchSettings, type Settings } from '../utils/settings';

export type SettingsUpdate = (value: Settings) => Settings;

/** `[settings, update]`: undefined until read; `update` saves and resolves with what was stored. */
export function useSettings(): [Settings | undefined, (update: SettingsUpdate) => Promise<Settings>] {
  const [settings, setSettings] = useState<Settings | undefined>();
  useEffect(() => {
    let live = true;
    void getSettings().then((value) => live && setSettings(value));
    const unwatch = watchSettings((value) => live && setSettings(value));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  const update = async (change: SettingsUpdate) => {
    const value = await updateSettings(change);
    setSettings(value);
    return value;
  };
  return [settings, update];
}
