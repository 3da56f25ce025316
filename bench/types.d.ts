/**
 * moment-business-time 2.0.0 ships no types. It patches `moment.fn` of the `moment` it requires
 * and exports that same `moment`; only what the bench calls is declared here.
 */
declare module 'moment-business-time' {
  import type { Locale, LocaleSpecification, Moment, MomentInput, unitOfTime } from 'moment';

  /** A moment with the methods moment-business-time adds. */
  interface WorkingMoment extends Moment {
    /** Business time from `other` to this moment, in `unit`, truncated toward zero. */
    workingDiff(other: MomentInput, unit?: unitOfTime.Diff, detail?: boolean): number;
    /** Moves this moment (in place) by business time. */
    addWorkingTime(amount: number, unit: unitOfTime.DurationConstructor): WorkingMoment;
  }

  interface WorkingLocaleSpecification extends LocaleSpecification {
    /** Opening times by weekday (0 = Sunday), `null` for a closed day. */
    workinghours?: Record<number, readonly string[] | null>;
    /** Closed dates as minimatch patterns on `YYYY-MM-DD`. */
    holidays?: readonly string[];
  }

  interface WorkingMomentStatic {
    (input?: MomentInput): WorkingMoment;
    locale(): string;
    updateLocale(language: string, spec: WorkingLocaleSpecification): Locale;
  }

  const moment: WorkingMomentStatic;
  export = moment;
}
