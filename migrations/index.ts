/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
import { FoundationSchema1795907943537 } from './1795907943537-FoundationSchema';
import { ContentSchema1795910256435 } from './1795910256435-ContentSchema';
import { CalendarSchema1795912239216 } from './1795912239216-CalendarSchema';
import { CalendarViewIndex1795912373130 } from './1795912373130-CalendarViewIndex';
import { PublishingSchema1795913590991 } from './1795913590991-PublishingSchema';
import { SocialAccountCredentials1795920000000 } from './1795920000000-SocialAccountCredentials';
import { Notifications1795921000000 } from './1795921000000-Notifications';
import { TakedownRemovals1795921500000 } from './1795921500000-TakedownRemovals';
import { MetricsSchema1795922000000 } from './1795922000000-MetricsSchema';
import { TrackedLinks1795923000000 } from './1795923000000-TrackedLinks';
import { ReportsSchema1795924000000 } from './1795924000000-ReportsSchema';
import { CalendarVersionAndSettings1795926000000 } from './1795926000000-CalendarVersionAndSettings';
import { MonthlyReports1795927000000 } from './1795927000000-MonthlyReports';
import { DeferPublishingRollup1795928000000 } from './1795928000000-DeferPublishingRollup';
import { NationalRollups1796010000000 } from './1796010000000-NationalRollups';
import { PostProductMoves1796011000000 } from './1796011000000-PostProductMoves';
import { DashboardVersions1796012000000 } from './1796012000000-DashboardVersions';
import { AttemptLatenessBigint1796013000000 } from './1796013000000-AttemptLatenessBigint';

export const MIGRATIONS = [
  FoundationSchema1795907943537,
  ContentSchema1795910256435,
  CalendarSchema1795912239216,
  CalendarViewIndex1795912373130,
  PublishingSchema1795913590991,
  SocialAccountCredentials1795920000000,
  Notifications1795921000000,
  TakedownRemovals1795921500000,
  MetricsSchema1795922000000,
  TrackedLinks1795923000000,
  ReportsSchema1795924000000,
  CalendarVersionAndSettings1795926000000,
  MonthlyReports1795927000000,
  DeferPublishingRollup1795928000000,
  NationalRollups1796010000000,
  PostProductMoves1796011000000,
  DashboardVersions1796012000000,
  AttemptLatenessBigint1796013000000,
];
