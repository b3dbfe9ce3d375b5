package dev.rapport.bridge;

/** Drafts the bridge's tests send, as a compose window would hold them. */
final class SampleDrafts {
  private SampleDrafts() {}

  static final String TO = "Dr. Ana Ruiz <ana.ruiz@example.edu>";
  static final String SUBJECT = "Question about your spinal cord injury rehabilitation study";

  static final String GOOD =
      "Dear Dr. Ruiz,\n\n"
          + "I am an international medical graduate from Nigeria, and I read your 2024 paper on early mobilization "
          + "after spinal cord injury. Your finding that daily standing practice shortened inpatient stays changed how I "
          + "think about acute rehabilitation.\n\n"
          + "I am preparing to apply to PM&R residency and would need a J-1 visa. Would you be open to a 15-minute video "
          + "call next month, so I could ask how you chose your research questions?\n\n"
          + "Thank you for your time.\n\n"
          + "Sincerely,\n"
          + "Chidinma Okeke\n"
          + "University of Lagos College of Medicine\n";

  static final String PLACEHOLDER = GOOD.replace("Dear Dr. Ruiz,", "Dear Dr. [Last Name],");
}
