package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;

final class EventTypes {
  static final ClassValue<String> NAMES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      JsonTypeName name = type.getAnnotation(JsonTypeName.class);
      if (name == null) throw new IllegalStateException(type + " has no @JsonTypeName");
      return name.value();
    }
  };

  private EventTypes() {}
}
