// An on/off switch: a button with role="switch", its label as visible text.
export interface SwitchProps {
  checked: boolean;
  label: string;
  onChange(checked: boolean): void;
  disabled?: boolean;
  /** Extra text after the label, e.g. why the switch has no effect right now. */
  note?: string;
}

export function Switch({ checked, label, onChange, disabled, note }: SwitchProps) {
  return (
    <button type="button" role="switch" aria-checked={checked} class="gloss-switch" disabled={disabled} onClick={() => onChange(!checked)}>
      <span class="gloss-switch-track" aria-hidden="true">
        <span class="gloss-switch-thumb" />
      </span>
      <span class="gloss-switch-label">
        {label}
        {note && <span class="gloss-switch-note">{note}</span>}
      </span>
    </button>
  );
}
