import type { PersonDto } from "@/lib/domain/registry/identity-dto";

/** The people an owner picker offers, one option each (with their email where names may repeat). */
export function PeopleOptions({ people, withEmail = false }: { people: PersonDto[]; withEmail?: boolean }) {
  return people.map((p) => (
    <option key={p.id} value={p.id}>
      {withEmail ? `${p.name} (${p.email})` : p.name}
    </option>
  ));
}
