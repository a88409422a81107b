using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdPortal.Data.Configurations;

internal sealed class MailServerConfiguration : IEntityTypeConfiguration<MailServer>
{
    public void Configure(EntityTypeBuilder<MailServer> builder)
    {
        builder.ToTable("mail_server");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Host).IsRequired().HasMaxLength(255);
        builder.Property(m => m.Security).IsRequired().HasMaxLength(16);
        builder.Property(m => m.Username).IsRequired().HasMaxLength(256);
        builder.Property(m => m.PasswordProtected).HasMaxLength(2000);
        builder.Property(m => m.From).IsRequired().HasMaxLength(320);
        builder.Property(m => m.UpdatedBy).IsRequired().HasMaxLength(256);
    }
}
