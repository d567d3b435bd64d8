"""Validates a year's open data as the server publishes it, with software we did not write.

    /usr/bin/python3 tests/open_data_validate.py DIR PROFILE

DIR holds datapackage.json and the CSV files it names; PROFILE is the Fiscal Data Package
JSON Schema as frictionlessdata publishes it (npm's `datapackage`:
node_modules/datapackage/lib/profiles/fiscal-data-package.json). Checks:
- the descriptor against the profile (python3-jsonschema, Draft 4 as the profile declares);
- each resource's CSV: the header is the schema's field names in order, every value reads as
  its field's type (integer, number, date, string; "" is the declared missing value), and the
  primary key is unique;
- each measure and dimension attribute of the model names a field of its resource.
Prints "ok" and exits 0, or prints every problem found and exits 1.
"""
import csv
import datetime
import decimal
import json
import os
import sys

import jsonschema


def main():
    folder, profile_path = sys.argv[1], sys.argv[2]
    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as f:
        descriptor = json.load(f)
    with open(profile_path, encoding="utf-8") as f:
        profile = json.load(f)
    problems = []
    validator = jsonschema.Draft4Validator(profile)
    for error in validator.iter_errors(descriptor):
        problems.append("datapackage.json: %s at %s" % (error.message, list(error.path)))

    fields_of = {}
    for resource in descriptor.get("resources", []):
        schema = resource["schema"]
        names = [f["name"] for f in schema["fields"]]
        types = [f.get("type", "string") for f in schema["fields"]]
        fields_of[resource["name"]] = set(names)
        missing = set(schema.get("missingValues", [""]))
        key = schema.get("primaryKey", [])
        key = [key] if isinstance(key, str) else key
        seen = set()
        with open(os.path.join(folder, resource["path"]), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if not rows or rows[0] != names:
            problems.append("%s: header %r is not the schema's %r" % (resource["path"], rows[:1], names))
            continue
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != len(names):
                problems.append("%s row %d: %d values for %d fields" % (resource["path"], number, len(row), len(names)))
                continue
            for name, kind, value in zip(names, types, row):
                if value in missing:
                    continue
                try:
                    if kind == "integer":
                        int(value)
                    elif kind == "number":
                        decimal.Decimal(value)
                    elif kind == "date":
                        datetime.date.fromisoformat(value)
                except (ValueError, decimal.InvalidOperation):
                    problems.append("%s row %d: %s = %r is not a %s" % (resource["path"], number, name, value, kind))
            k = tuple(row[names.index(n)] for n in key)
            if k in seen:
                problems.append("%s row %d: primary key %r repeated" % (resource["path"], number, k))
            seen.add(k)

    model = descriptor.get("model", {})
    for name, measure in model.get("measures", {}).items():
        resource = measure.get("resource", descriptor["resources"][0]["name"])
        if measure["source"] not in fields_of.get(resource, ()):
            problems.append("measure %s: no field %s in %s" % (name, measure["source"], resource))
    for name, dimension in model.get("dimensions", {}).items():
        for attribute, spec in dimension["attributes"].items():
            resource = spec.get("resource", descriptor["resources"][0]["name"])
            if spec["source"] not in fields_of.get(resource, ()):
                problems.append("dimension %s.%s: no field %s" % (name, attribute, spec["source"]))

    if problems:
        print("\n".join(problems))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
