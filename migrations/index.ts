/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
import { FoundationSchema1795907943537 } from './1795907943537-FoundationSchema';
import { ContentSchema1795910256435 } from './1795910256435-ContentSchema';
import { CalendarSchema1795912239216 } from './1795912239216-CalendarSchema';
import { CalendarViewIndex1795912373130 } from './1795912373130-CalendarViewIndex';
import { PublishingSchema1795913590991 } from './1795913590991-PublishingSchema';

export const MIGRATIONS = [
  FoundationSchema1795907943537,
  ContentSchema1795910256435,
  CalendarSchema1795912239216,
  CalendarViewIndex1795912373130,
  PublishingSchema1795913590991,
];
