/** Milliseconds in each unit of real (absolute) time. Days here are 24-hour days. */
export const msPerSecond = 1000;
export const msPerMinute = 60 * msPerSecond;
export const msPerHour = 60 * msPerMinute;
export const msPerDay = 24 * msPerHour;
export const msPerWeek = 7 * msPerDay;
