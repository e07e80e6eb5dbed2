/** Said plainly: a section that does not exist yet shows no invented content. */
export function NotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <section className="max-w-2xl">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-6">
        <p className="font-medium">Not built yet.</p>
        <p className="mt-2 text-sm text-slate-600">{what}</p>
      </div>
    </section>
  );
}
