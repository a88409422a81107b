using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class NotificationEventConfiguration : IEntityTypeConfiguration<NotificationEvent>
{
    public void Configure(EntityTypeBuilder<NotificationEvent> builder)
    {
        builder.ToTable("notification_outbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.UserId).IsRequired().HasMaxLength(450);
        builder.Property(e => e.Type).IsRequired().HasMaxLength(32);
        builder.Property(e => e.Level).HasMaxLength(16).HasConversion(AlertLevelWordConverter.Instance);
        builder.Property(e => e.ZoneKey).HasMaxLength(100);
        builder.Property(e => e.Body).IsRequired().HasMaxLength(8000);
        builder.Property(e => e.DispatchedBy).HasMaxLength(128);
        builder.HasIndex(e => e.DispatchedAt);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
