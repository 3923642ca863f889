#!/usr/bin/env python3
"""The public API of a crate, one item per line, from rustdoc's JSON.

    python3 scripts/public_api.py target/doc/approute.json

Every public path (modules, types with their public fields and variants,
functions and methods with their signatures, trait impls written in the
crate, re-exports of other crates' items), sorted, so that a diff of two
listings is a review of what changed. `scripts/public-api.sh` builds the JSON
and compares the listing with the committed one.
"""

import json
import sys

# Trait impls every type gets, or that say nothing about this crate's API.
NOISE_TRAITS = {
    "Any", "Borrow", "BorrowMut", "From", "Into", "TryFrom", "TryInto", "ToOwned",
    "Same", "VZip", "Instrument", "WithSubscriber", "CloneToUninit", "ErasedDestructor",
    "PolicyExt", "ToString", "Equivalent", "Comparable", "IntoEither", "MaybeSendSync",
    "StructuralPartialEq",
}


# The standard prelude's names, as a reader writes them.
PRELUDE = {
    "core::option::Option": "Option",
    "core::result::Result": "Result",
    "alloc::string::String": "String",
    "alloc::vec::Vec": "Vec",
    "alloc::boxed::Box": "Box",
}


class Api:
    def __init__(self, doc):
        self.index = doc["index"]
        self.paths = doc["paths"]
        self.lines = set()
        # Where each item was listed first: a second public path to it (the
        # prelude's) is listed as a `pub use` of the first.
        self.listed = {}

    def item(self, item_id):
        return self.index.get(str(item_id))

    # --- types -------------------------------------------------------------

    def ty(self, t):
        if t is None:
            return "()"
        if isinstance(t, str):
            return "_" if t == "infer" else t
        (kind, v), = t.items()
        if kind == "resolved_path":
            return self.path(v)
        if kind == "primitive":
            return v
        if kind == "generic":
            return v
        if kind == "borrowed_ref":
            lifetime = v["lifetime"] + " " if v.get("lifetime") else ""
            mutable = "mut " if v["is_mutable"] else ""
            return f"&{lifetime}{mutable}{self.ty(v['type'])}"
        if kind == "raw_pointer":
            return f"*{'mut' if v['is_mutable'] else 'const'} {self.ty(v['type'])}"
        if kind == "tuple":
            inner = ", ".join(self.ty(x) for x in v)
            return f"({inner},)" if len(v) == 1 else f"({inner})"
        if kind == "slice":
            return f"[{self.ty(v)}]"
        if kind == "array":
            return f"[{self.ty(v['type'])}; {v['len']}]"
        if kind == "impl_trait":
            return "impl " + " + ".join(self.bound(b) for b in v)
        if kind == "dyn_trait":
            parts = [self.poly_trait(p) for p in v["traits"]]
            if v.get("lifetime"):
                parts.append(v["lifetime"])
            return "dyn " + " + ".join(parts)
        if kind == "qualified_path":
            trait = f" as {self.path(v['trait'])}" if v.get("trait") else ""
            return f"<{self.ty(v['self_type'])}{trait}>::{v['name']}"
        if kind == "function_pointer":
            sig = v["sig"]
            inputs = ", ".join(self.ty(x[1]) for x in sig["inputs"])
            output = f" -> {self.ty(sig['output'])}" if sig.get("output") else ""
            return f"fn({inputs}){output}"
        return f"<{kind}>"

    def path(self, p):
        # By what the path names, not by how the source spells it, so that
        # moving code inside the crate changes nothing here: an item of this
        # crate by its public path, another crate's by its own.
        name = p["path"]
        target = p.get("id")
        if target in self.listed:
            name = self.listed[target]
        elif target is not None and str(target) in self.paths:
            name = "::".join(self.paths[str(target)]["path"])
            name = PRELUDE.get(name, name)
        args = self.args(p.get("args"))
        return f"{name}{args}"

    def args(self, a):
        if not a:
            return ""
        if "angle_bracketed" in a:
            ab = a["angle_bracketed"]
            parts = [self.generic_arg(x) for x in ab["args"]]
            parts += [self.constraint(c) for c in ab.get("constraints", [])]
            return f"<{', '.join(parts)}>" if parts else ""
        if "parenthesized" in a:
            pa = a["parenthesized"]
            inputs = ", ".join(self.ty(x) for x in pa["inputs"])
            output = f" -> {self.ty(pa['output'])}" if pa.get("output") else ""
            return f"({inputs}){output}"
        return ""

    def generic_arg(self, x):
        if isinstance(x, str):
            return "_"
        (kind, v), = x.items()
        if kind == "type":
            return self.ty(v)
        if kind == "lifetime":
            return v
        if kind == "const":
            return v.get("expr", "_")
        return "_"

    def constraint(self, c):
        binding = c["binding"]
        if "equality" in binding:
            eq = binding["equality"]
            value = self.ty(eq["type"]) if "type" in eq else str(eq)
            return f"{c['name']} = {value}"
        bounds = " + ".join(self.bound(b) for b in binding.get("constraint", []))
        return f"{c['name']}: {bounds}"

    def poly_trait(self, p):
        return self.path(p["trait"])

    def bound(self, b):
        if "trait_bound" in b:
            tb = b["trait_bound"]
            modifier = "?" if tb.get("modifier") == "maybe" else ""
            return modifier + self.path(tb["trait"])
        if "outlives" in b:
            return b["outlives"]
        return "_"

    def generics(self, g):
        params = []
        for p in g["params"]:
            kind = p["kind"]
            if "lifetime" in kind:
                params.append(p["name"])
            elif "type" in kind:
                if kind["type"].get("is_synthetic"):
                    continue  # `impl Trait` in argument position
                bounds = kind["type"]["bounds"]
                params.append(
                    p["name"] + (": " + " + ".join(self.bound(b) for b in bounds) if bounds else "")
                )
            elif "const" in kind:
                params.append(f"const {p['name']}: {self.ty(kind['const']['type'])}")
        text = f"<{', '.join(params)}>" if params else ""
        wheres = []
        for w in g.get("where_predicates", []):
            if "bound_predicate" in w:
                bp = w["bound_predicate"]
                wheres.append(
                    f"{self.ty(bp['type'])}: " + " + ".join(self.bound(b) for b in bp["bounds"])
                )
        where = f" where {', '.join(wheres)}" if wheres else ""
        return text, where

    def signature(self, name, f):
        header = f["header"]
        quals = ("const " if header["is_const"] else "") + ("async " if header["is_async"] else "")
        quals += "unsafe " if header["is_unsafe"] else ""
        generics, where = self.generics(f["generics"])
        inputs = []
        for arg_name, arg_ty in f["sig"]["inputs"]:
            if arg_name == "self":
                inputs.append(self.receiver(arg_ty))
            else:
                inputs.append(f"{arg_name}: {self.ty(arg_ty)}")
        output = f" -> {self.ty(f['sig']['output'])}" if f["sig"].get("output") else ""
        return f"{quals}fn {name}{generics}({', '.join(inputs)}){output}{where}"

    @staticmethod
    def receiver(t):
        if t == {"generic": "Self"}:
            return "self"
        if "borrowed_ref" in t and t["borrowed_ref"]["type"] == {"generic": "Self"}:
            return "&mut self" if t["borrowed_ref"]["is_mutable"] else "&self"
        return "self: _"

    # --- items -------------------------------------------------------------

    def add(self, line):
        self.lines.add(line)

    def walk_module(self, prefix, module_id, seen):
        if module_id in seen:
            return
        seen.add(module_id)
        module = self.item(module_id)
        children = [self.item(child_id) for child_id in module["inner"]["module"]["items"]]
        children = [c for c in children if c is not None and c["visibility"] == "public"]
        # Modules of their own first, so that an item's path is where it lives,
        # and a prelude names it as a re-export.
        children.sort(key=lambda c: (c["name"] == "prelude", "use" in c["inner"]))
        for child in children:
            self.walk_item(prefix, child, seen)

    def walk_item(self, prefix, item, seen, name=None):
        name = name or item["name"]
        inner = item["inner"]
        (kind, v), = inner.items()
        path = f"{prefix}::{name}"
        if kind not in ("use", "module"):
            self.listed.setdefault(item["id"], path)
        if kind == "use":
            self.walk_use(prefix, v, seen)
        elif kind == "module":
            self.add(f"pub mod {path}")
            self.walk_module(path, item["id"], seen)
        elif kind == "struct":
            generics, where = self.generics(v["generics"])
            nonexhaustive = "#[non_exhaustive] " if self.non_exhaustive(item) else ""
            self.add(f"{nonexhaustive}pub struct {path}{generics}{where}")
            st = v["kind"]
            if isinstance(st, dict) and "plain" in st:
                for field_id in st["plain"]["fields"]:
                    field = self.item(field_id)
                    if field and field["visibility"] == "public":
                        self.add(f"pub {path}::{field['name']}: {self.ty(field['inner']['struct_field'])}")
            elif isinstance(st, dict) and "tuple" in st:
                for at, field_id in enumerate(st["tuple"]):
                    field = self.item(field_id) if field_id is not None else None
                    if field and field["visibility"] == "public":
                        self.add(f"pub {path}::{at}: {self.ty(field['inner']['struct_field'])}")
            self.walk_impls(path, v["impls"])
        elif kind == "enum":
            generics, where = self.generics(v["generics"])
            nonexhaustive = "#[non_exhaustive] " if self.non_exhaustive(item) else ""
            self.add(f"{nonexhaustive}pub enum {path}{generics}{where}")
            for variant_id in v["variants"]:
                variant = self.item(variant_id)
                vk = variant["inner"]["variant"]["kind"]
                fields = ""
                if isinstance(vk, dict) and "tuple" in vk:
                    types = [self.ty(self.item(f)["inner"]["struct_field"]) for f in vk["tuple"] if f is not None]
                    fields = f"({', '.join(types)})"
                elif isinstance(vk, dict) and "struct" in vk:
                    names = [
                        f"{self.item(f)['name']}: {self.ty(self.item(f)['inner']['struct_field'])}"
                        for f in vk["struct"]["fields"]
                    ]
                    fields = " { " + ", ".join(names) + " }"
                self.add(f"pub {path}::{variant['name']}{fields}")
            self.walk_impls(path, v["impls"])
        elif kind == "function":
            self.add(f"pub {self.signature(path, v)}")
        elif kind == "trait":
            generics, where = self.generics(v["generics"])
            self.add(f"pub trait {path}{generics}{where}")
            for method_id in v["items"]:
                method = self.item(method_id)
                if method and "function" in method["inner"]:
                    self.add(f"{self.signature(path + '::' + method['name'], method['inner']['function'])}")
        elif kind == "type_alias":
            self.add(f"pub type {path} = {self.ty(v['type'])}")
        elif kind in ("constant", "static"):
            self.add(f"pub {kind} {path}: {self.ty(v.get('type'))}")
        elif kind == "macro":
            self.add(f"macro {path}!")
        elif kind == "proc_macro":
            self.add(f"proc macro {path} ({v['kind']})")
        else:
            self.add(f"pub {kind} {path}")

    def walk_use(self, prefix, use, seen):
        target = self.item(use["id"]) if use.get("id") is not None else None
        if use["is_glob"]:
            self.add(f"pub use {prefix}::{use['source']}::*")
            return
        here = f"{prefix}::{use['name']}"
        if target is not None and self.listed.get(target["id"], here) != here:
            self.add(f"pub use {here} = {self.listed[target['id']]}")
        elif target is not None and target.get("crate_id") == 0:
            self.walk_item(prefix, target, seen, name=use["name"])
        else:
            self.add(f"pub use {prefix}::{use['name']} = {use['source']}")

    def walk_impls(self, path, impl_ids):
        for impl_id in impl_ids:
            impl = self.item(impl_id)
            if impl is None:
                continue
            v = impl["inner"]["impl"]
            if v["is_synthetic"] or v.get("blanket_impl") is not None:
                continue
            generics, where = self.generics(v["generics"])
            if v["trait"] is None:
                for method_id in v["items"]:
                    method = self.item(method_id)
                    if method is None or method["visibility"] != "public":
                        continue
                    if "function" in method["inner"]:
                        self.add(f"pub {self.signature(path + '::' + method['name'], method['inner']['function'])}")
                    elif "assoc_const" in method["inner"]:
                        self.add(f"pub const {path}::{method['name']}: {self.ty(method['inner']['assoc_const']['type'])}")
            else:
                trait = self.path(v["trait"])
                if v["trait"]["path"].split("::")[-1] in NOISE_TRAITS:
                    continue
                negative = "!" if v["is_negative"] else ""
                # The type by its full path: `Kind` alone could be anyone's.
                for_type = self.ty(v["for"])
                short = path.rsplit("::", 1)[-1]
                if for_type == short or for_type.startswith(short + "<"):
                    for_type = path + for_type[len(short):]
                self.add(f"impl{generics} {negative}{trait} for {for_type}{where}")

    @staticmethod
    def non_exhaustive(item):
        return any("non_exhaustive" in str(attr) for attr in item.get("attrs", []))


def main():
    doc = json.load(open(sys.argv[1]))
    api = Api(doc)
    root = api.item(doc["root"])
    # Twice: the first walk learns every item's public path, which the
    # second writes wherever a signature names the item.
    api.walk_module(root["name"], doc["root"], set())
    api.lines.clear()
    api.walk_module(root["name"], doc["root"], set())
    for line in sorted(api.lines):
        print(line)


if __name__ == "__main__":
    main()
