/**
 * Colours of every picture: the Okabe-Ito palette, told apart by people with the common colour
 * vision deficiencies; each meaning also has a second cue (a dash, a marker shape, a hatch) so
 * that a grey print keeps it.
 */
export const colors = {
  ink: '#1f1f1f',
  muted: '#595959',
  grid: '#d0d0d0',
  counting: '#0072B2',
  paused: '#E69F00',
  closed: '#d9d9d9',
  stopped: '#6e6e6e',
  deadline: '#1f1f1f',
  warning: '#CC79A7',
  breach: '#D55E00',
  now: '#009E73',
  compliance: '#0072B2',
  breachRate: '#D55E00',
  onTime: '#56B4E9',
  late: '#D55E00',
} as const;
