"""Finding keys that ask-smapi-model does not know: it keeps them silently, Alexa does not."""

from __future__ import annotations

import importlib
import re
from typing import Any


def unknown_keys(data: Any, model_class: type, path: str = "") -> list[str]:
    """Every key in `data` that `model_class` (an ask-smapi-model class) has no field for."""
    found: list[str] = []
    if not isinstance(data, dict):
        return found
    by_json_name = {json_name: attr for attr, json_name in model_class.attribute_map.items()}
    discriminator = getattr(model_class, "discriminator_value_class_map", None)
    if discriminator and getattr(model_class, "json_discriminator_key", None) in data:
        sub = discriminator.get(data[model_class.json_discriminator_key])
        if sub:
            model_class = _load(sub)
            by_json_name = {j: a for a, j in model_class.attribute_map.items()}
    for key, value in data.items():
        where = f"{path}.{key}" if path else key
        if key not in by_json_name:
            found.append(where)
            continue
        found += _walk(value, model_class.deserialized_types[by_json_name[key]], where)
    return found


def _walk(value: Any, type_name: str, path: str) -> list[str]:
    listed = re.fullmatch(r"list\[(.+)\]", type_name)
    if listed and isinstance(value, list):
        return [k for i, item in enumerate(value) for k in _walk(item, listed.group(1), f"{path}[{i}]")]
    mapped = re.fullmatch(r"dict\(str, (.+)\)", type_name)
    if mapped and isinstance(value, dict):
        return [k for key, item in value.items() for k in _walk(item, mapped.group(1), f"{path}.{key}")]
    if "." in type_name and isinstance(value, dict):
        return unknown_keys(value, _load(type_name), path)
    return []


def _load(dotted: str) -> type:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)
