import type { Metadata } from 'next';
import Link from 'next/link';
import { formatHours, YEARLY_STUDY_HOURS } from '@/lib/courses/course-rules';
import { coursePages } from '@/lib/courses/queries';
import { messages } from '@/lib/i18n/messages';
import { formatBeijingDateTime } from '@/lib/time/beijing';
import { requireMember } from '../../archive/member-viewer';

export const metadata: Metadata = { title: messages.courses.member.title };

const t = messages.courses.member;

export default async function CoursesPage() {
  const viewer = await requireMember('/learn/courses');
  const [courses, credits] = await Promise.all([coursePages.memberCourses(viewer), coursePages.yearCredits(viewer)]);
  const share = Math.min(1, credits.tenths / (YEARLY_STUDY_HOURS * 10));
  return (
    <div className="space-y-5">
      <Link href="/learn" className="text-party text-lg underline">
        {messages.content.reader.homeHeading}
      </Link>
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <section aria-labelledby="year-hours" className="space-y-2 rounded-2xl bg-white p-4 shadow-sm">
        <h2 id="year-hours" className="text-lg font-semibold">
          {t.yearHours(credits.year, formatHours(credits.tenths), YEARLY_STUDY_HOURS)}
        </h2>
        <div className="h-3 overflow-hidden rounded-full bg-stone-200" role="progressbar" aria-labelledby="year-hours" aria-valuemin={0} aria-valuemax={YEARLY_STUDY_HOURS} aria-valuenow={credits.tenths / 10}>
          <div className="bg-party h-full" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
        <details>
          <summary className="text-party min-h-9 cursor-pointer py-1">{t.credits}</summary>
          {credits.entries.length === 0 ? (
            <p className="text-stone-600">{t.noCredits}</p>
          ) : (
            <ul className="mt-2 divide-y divide-stone-100">
              {credits.entries.map((entry) => (
                <li key={`${entry.title}${entry.creditedAt.toISOString()}`} className="flex justify-between gap-3 py-2">
                  <span>
                    {entry.title}
                    <span className="block text-sm text-stone-600">{formatBeijingDateTime(entry.creditedAt)}</span>
                  </span>
                  <span className="shrink-0 tabular-nums">{messages.courses.course.lessonHours(formatHours(entry.tenths))}</span>
                </li>
              ))}
            </ul>
          )}
        </details>
      </section>
      <p className="text-stone-600">{t.intro}</p>
      {courses.length === 0 ? (
        <p className="rounded-2xl bg-white p-4 text-lg text-stone-600 shadow-sm">{t.empty}</p>
      ) : (
        <ul className="space-y-3">
          {courses.map((course) => (
            <li key={course.id}>
              <Link href={`/learn/courses/${course.id}`} className="flex gap-3 rounded-2xl bg-white p-4 shadow-sm active:bg-stone-100">
                {course.coverFileId && (
                  // eslint-disable-next-line @next/next/no-img-element -- a stored file behind the app's authorised route
                  <img src={`/files/${course.coverFileId}`} alt="" className="h-20 w-28 shrink-0 rounded-lg object-cover" />
                )}
                <span className="min-w-0 space-y-1">
                  <span className="block text-lg leading-snug font-semibold">{course.title}</span>
                  <span className="block text-stone-600">{`${course.orgName} · ${messages.courses.course.totalHours(formatHours(course.tenths))}`}</span>
                  <span className={`block ${course.completed ? 'font-semibold text-green-800' : 'text-stone-700'}`}>
                    {course.completed ? t.completed : course.done === 0 ? t.notStarted : t.progress(course.done, course.lessons)}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
